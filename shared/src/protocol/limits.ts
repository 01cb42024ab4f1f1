/** Size limits every hop shares; plain numbers (no schema library) so content scripts can use them. */

/** Largest image the extension may upload as bytes (decoded size). */
export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
/** Largest decoded image, in pixels, any hop accepts (decompression-bomb guard). */
export const MAX_IMAGE_PIXELS = 40_000_000;
