/** Error codes for inputs that cannot be analysed; each is listed in the README. */
export type InputErrorCode =
  | 'NOT_FOUND'
  | 'IS_DIRECTORY'
  | 'PERMISSION'
  | 'READ_ERROR'
  | 'EMPTY'
  | 'BINARY'
  | 'TOO_LARGE'
  | 'BAD_ENCODING';

/** An input that could not be read or decoded. The batch reports it and goes on. */
export class InputError extends Error {
  constructor(readonly code: InputErrorCode, message: string) {
    super(message);
    this.name = 'InputError';
  }
}
