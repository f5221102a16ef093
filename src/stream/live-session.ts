// One live run: open a source, build the live pipeline for the model, feed every chunk, hand each
// event to the caller, until the source ends or is closed (the CLI closes it on SIGINT). Pure code.
import type { LoadedCheckpoint } from '../formats/checkpoint.js';
import type { CausalFeatureSettings } from '../signal/causal-features.js';
import { LivePipeline, type LiveHealth, type LivePipelineOptions } from './live-pipeline.js';
import type { LiveEvent, SourceInfo, StreamSource } from './types.js';

export interface LiveSessionOptions {
  source: StreamSource;
  checkpoint: LoadedCheckpoint;
  settings: CausalFeatureSettings;
  /** The model's channel labels, node order. */
  channels: readonly string[];
  gapToleranceSec?: number;
  onFeatures?: LivePipelineOptions['onFeatures'];
  /** Called once the source is open and its channels matched. */
  onStart?: (info: SourceInfo, pipeline: LivePipeline) => void | Promise<void>;
  onEvent: (event: LiveEvent, health: LiveHealth) => void | Promise<void>;
}

/** Runs until the source's chunks end; returns the final health counts. */
export async function runLiveSession(o: LiveSessionOptions): Promise<LiveHealth> {
  const info = await o.source.open();
  const pipeline = new LivePipeline({
    checkpoint: o.checkpoint, settings: o.settings, channels: o.channels, stream: info,
    ...(o.gapToleranceSec !== undefined && { gapToleranceSec: o.gapToleranceSec }), ...(o.onFeatures && { onFeatures: o.onFeatures }),
  });
  await o.onStart?.(info, pipeline);
  for await (const chunk of o.source.chunks()) {
    for (const event of pipeline.push(chunk)) await o.onEvent(event, pipeline.health());
  }
  return pipeline.health();
}
