// The one shape of a tooling error: a stable `code` a program can match on, a message a person can act
// on, and one line per problem in `details` (config issues, failed checks), listed under the message.

export class CodedError<Code extends string> extends Error {
  readonly code: Code;
  /** One line per problem, when there are several. */
  readonly details: readonly string[];

  constructor(code: Code, message: string, details: readonly string[] = []) {
    super(
      details.length === 0
        ? message
        : `${message}\n${details.map((line) => `  - ${line}`).join("\n")}`,
    );
    this.code = code;
    this.details = details;
  }
}
