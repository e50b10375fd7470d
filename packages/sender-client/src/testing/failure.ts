import { SenderApiError } from '../client/errors.js';

/** The SenderApiError a call fails with; any other outcome fails the test. */
export async function apiFailure(call: Promise<unknown>): Promise<SenderApiError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof SenderApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail with a SenderApiError');
}
