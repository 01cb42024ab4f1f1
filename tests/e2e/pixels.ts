import sharp from 'sharp';

/**
 * Mean absolute difference between neighbouring pixels of a screenshot: high for a sharp photo,
 * low once it is blurred or pixelated.
 */
export async function sharpness(png: Uint8Array): Promise<number> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  let sum = 0;
  for (let y = 0; y < info.height; y++)
    for (let x = 1; x < info.width; x++)
      sum += Math.abs(data[y * info.width + x]! - data[y * info.width + x - 1]!);
  return sum / (info.height * (info.width - 1));
}
