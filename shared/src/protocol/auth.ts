import { z } from 'zod';

export const RegisterResponseSchema = z.object({
  userId: z.string(),
  token: z.string(),
  expiresAt: z.number().int(),
});
export type RegisterResponse = z.infer<typeof RegisterResponseSchema>;
