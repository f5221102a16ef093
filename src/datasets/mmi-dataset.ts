// MMI's registry entry (src/datasets/registry.ts): frontal labelled sessions, feature 'patches' (as
// for CK+; faces cropped by the centred-square fallback unless a detector is used through
// loadMmiTrials), six emotions, default protocol face-10fold.
import { faceDatasetEntry, fileSources } from './ckplus-dataset.js';
import { listMmiSessions, loadMmiTrials } from './mmi.js';
import { MMI_CLASSES } from './mmi-facts.js';
import type { DatasetEntry } from './registry.js';

export const MMI_DATASET: DatasetEntry = faceDatasetEntry({
  id: 'mmi',
  description: 'MMI: frontal labelled face videos (onset -> apex -> offset), T frames around the apex, 8x8 patches of 64x64 crops, 6 emotions',
  classNames: MMI_CLASSES,
  load: (root) => loadMmiTrials(root),
  sourceFiles: (root) => fileSources(listMmiSessions(root).flatMap((s) => s.sources)),
});
