// CK+ (Extended Cohn-Kanade) facts as plain tables (source: ../shared/reference/datasets.md, CK+).

/** Training classes in class-index order; emotion code c (1..7) is class c - 1. */
export const CKPLUS_CLASSES: readonly string[] = ['anger', 'contempt', 'disgust', 'fear', 'happy', 'sadness', 'surprise'];

/**
 * Emotion file codes: 0 neutral, 1 anger, 2 contempt, 3 disgust, 4 fear, 5 happy, 6 sadness,
 * 7 surprise. Code 0 is not a training class: every CK+ sequence starts neutral, and the 327 labelled
 * sequences the literature uses carry codes 1..7 only, so a file saying 0 is treated as unlabelled.
 */
export const CKPLUS_EMOTION_CODES: readonly string[] = ['neutral', ...CKPLUS_CLASSES];

/** Labelled sequences per class in the real dataset (327 of 593 sequences, 123 subjects). */
export const CKPLUS_CLASS_COUNTS: readonly number[] = [45, 18, 59, 25, 69, 28, 83];
export const CKPLUS_SUBJECTS = 123;
export const CKPLUS_LABELLED_SEQUENCES = 327;

/** Image folder spellings, tried in this order. */
export const CKPLUS_IMAGE_FOLDERS: readonly string[] = ['cohn-kanade-images', 'extended-cohn-kanade-images'];

/** Class index of an emotion code, or undefined for 0 (neutral, not a training class). */
export function ckPlusClassOfCode(code: number): number | undefined {
  return code >= 1 && code <= 7 ? code - 1 : undefined;
}
