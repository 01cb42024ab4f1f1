/**
 * A signing key pair for tests only (its public half is PACK_PUBLIC_KEY in vitest.config.ts). It
 * signs nothing a real extension trusts: the extension pins another key.
 */
export const TEST_PACK_KEYS = {
  privateKey: 'MC4CAQAwBQYDK2VwBCIEIFztIBh5g7MhZl7ncoOTfCB9BMQFKKVvz3/xBaItUGMA',
  publicKey: 'qjBMNJ6So3DR8wWKzPV/zL9ORUxPm51XhOOzzE3oqlY=',
};
