// The command list, in the order --help shows them.
import type { CommandSpec } from '../command.js';
import { demoCommand } from './demo.js';
import { trainCommand } from './train.js';
import { evaluateCommand } from './evaluate.js';
import { predictCommand } from './predict.js';
import { synthCommand } from './synth.js';
import { experimentCommand } from './experiment.js';
import { featuresCommand } from './features.js';
import { exportCommand } from './export.js';
import { datasetCommand } from './dataset.js';
import { montageShowCommand } from './montage.js';
import { reportCommand } from './report.js';
import { inspectCommand } from './inspect.js';
import { liveCommand } from './live.js';

export const COMMANDS: CommandSpec[] = [
  demoCommand, trainCommand, evaluateCommand, predictCommand, synthCommand, featuresCommand, datasetCommand, experimentCommand,
  reportCommand, inspectCommand, montageShowCommand, liveCommand, exportCommand,
];
