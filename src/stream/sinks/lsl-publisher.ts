// Predictions published over Lab Streaming Layer (`strnn live --publish`), for LabRecorder, games and
// neurofeedback apps: an `Emotion` stream with one float32 channel per class probability, labelled
// with the class names, at the window rate, and a `Markers` string stream carrying the predicted
// class. Both are stamped with the LSL time of the window end.
import { StreamOutlet, localClock } from '../lsl/index.js';
import type { PredictionEvent } from '../types.js';

export class PredictionPublisher {
  private constructor(readonly emotion: StreamOutlet, readonly markers: StreamOutlet, private readonly classNames: readonly string[]) {}

  /** Starts both outlets; `name` prefixes their names (strnn-emotion, strnn-markers by default). */
  static async start(classNames: readonly string[], windowRateHz: number, name = 'strnn'): Promise<PredictionPublisher> {
    const emotion = new StreamOutlet({
      name: `${name}-emotion`, type: 'Emotion', channelCount: classNames.length, nominalSrate: windowRateHz, channelFormat: 'float32',
      sourceId: `${name}-emotion`, channelLabels: [...classNames], channelTypes: classNames.map(() => 'probability'),
    });
    const markers = new StreamOutlet({ name: `${name}-markers`, type: 'Markers', channelCount: 1, nominalSrate: 0, channelFormat: 'string', sourceId: `${name}-markers` });
    await emotion.start();
    await markers.start();
    return new PredictionPublisher(emotion, markers, classNames);
  }

  /** `lslTime`: the window end on this computer's LSL clock (default: now). */
  publish(e: PredictionEvent, lslTime = localClock()): void {
    this.emotion.pushSample(this.classNames.map((c) => e.probabilities[c]!), lslTime);
    this.markers.pushSample([e.predicted], lslTime);
  }

  async close(): Promise<void> {
    await this.emotion.close();
    await this.markers.close();
  }
}
