// MMI's registry entry (src/datasets/registry.ts): frontal labelled sessions, feature 'patches' (as
// for CK+; faces aligned by detected landmarks, or cut to the centred square with load option
// faceAlignment 'centred-crop'), six emotions, default protocol face-10fold.
import { faceDatasetEntry, fileSources } from './ckplus-dataset.js';
import { listMmiSessions, loadMmiTrials } from './mmi.js';
import { MMI_CLASSES } from './mmi-facts.js';
import type { DatasetEntry } from './registry.js';

export const MMI_DATASET: DatasetEntry = faceDatasetEntry({
  id: 'mmi',
  description: 'MMI: frontal labelled face videos (onset -> apex -> offset), T frames around the apex, 8x8 patches of 64x64 crops, 6 emotions',
  classNames: MMI_CLASSES,
  load: (root, options) => loadMmiTrials(root, {
    ...(options.faceAlignment && { alignment: options.faceAlignment }), ...(options.onProgress && { onProgress: options.onProgress }),
  }),
  sourceFiles: (root) => fileSources(listMmiSessions(root).flatMap((s) => s.sources)),
});
