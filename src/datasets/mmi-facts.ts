// MMI Facial Expression Database facts as plain tables (source: ../shared/reference/datasets.md, MMI).

/** Classes in class-index order; the metadata's Emotion value v (1..6) is class v - 1. */
export const MMI_CLASSES: readonly string[] = ['anger', 'disgust', 'fear', 'happy', 'sadness', 'surprise'];

/** Camera views in session.xml's <track view="...">: 0 frontal, 1 and 2 the other (profile) views. */
export const MMI_FRONTAL_VIEW = 0;

/** Frame size and rate of MMI's videos. */
export const MMI_WIDTH = 720;
export const MMI_HEIGHT = 576;
export const MMI_FPS = 25;

/**
 * Marker types in <sid>-oao_aucs.xml, as read by public MMI loaders: each <ActionUnit Number="..">
 * holds <Marker Frame=".." Type=".."/> elements, Frame 1-based, Type 1 = onset starts, 2 = apex
 * starts, 3 = offset starts, 0 = back to neutral.
 */
export const MMI_MARKER = { neutral: 0, onset: 1, apex: 2, offset: 3 } as const;

/** Class index of an Emotion metatag value, or undefined outside 1..6. */
export function mmiClassOfValue(value: number): number | undefined {
  return Number.isInteger(value) && value >= 1 && value <= 6 ? value - 1 : undefined;
}
