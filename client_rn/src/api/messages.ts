// The words a person reads when something fails. One sentence per kind of
// failure, each saying what they can do about it. Server wording is shown only
// for input errors, beside the field it is about (see ValidationError).
import {
  NetworkError,
  RequestError,
  ServerError,
  SessionExpiredError,
  ValidationError,
  WrongCredentialsError,
} from "./errors";
import { TokenStorageError } from "../tokenStorage";

export const MESSAGES = {
  wrongCredentials: "Wrong username or password.",
  network:
    "Can't reach the server. Check your connection and the server address, " +
    "then try again.",
  server: "The server ran into a problem. Please try again in a moment.",
  sessionExpired: "Your session has expired. Please sign in again.",
  validation: "Please correct the fields marked below.",
  storage:
    "This device's secure storage failed to save or delete your sign-in. " +
    "Please try again.",
  unexpected: "Something unexpected went wrong. Please try again.",
} as const;

export function describeError(error: unknown): string {
  if (error instanceof WrongCredentialsError) return MESSAGES.wrongCredentials;
  if (error instanceof NetworkError) return MESSAGES.network;
  if (error instanceof ServerError) return MESSAGES.server;
  if (error instanceof SessionExpiredError) return MESSAGES.sessionExpired;
  if (error instanceof ValidationError) return MESSAGES.validation;
  if (error instanceof TokenStorageError) return MESSAGES.storage;
  if (error instanceof RequestError) return error.detail;
  return MESSAGES.unexpected;
}
