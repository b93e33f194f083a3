// The session as the screens see it, in the shape of Expo Router's
// authentication guide: `session`, `isLoading`, `signIn`, `signOut`.
//
// `session` is the signed-in TokenSession (null when signed out); screens call
// the API through its `fetch`. `isLoading` is true while the saved session is
// read at launch: the splash screen stays up until then, so a signed-in person
// never glimpses the sign-in screen.
import {
  createContext,
  type PropsWithChildren,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from "react";

import { SessionExpiredError } from "../api/errors";
import { describeError } from "../api/messages";
import { apiBaseUrl } from "../config";
import type { Credentials } from "../snippets/01_passwords";
import type { AuthenticatedFetch } from "../snippets/03_protected_routes";
import { refreshWhenForegrounded, TokenSession } from "../snippets/04_refresh_tokens";
import { platformTokenStorage, type TokenStorage } from "../tokenStorage";

type SessionContextValue = {
  session: TokenSession | null;
  isLoading: boolean;
  /** Rejects with the error to show: wrong credentials, network, ... */
  signIn: (credentials: Credentials) => Promise<void>;
  signOut: () => Promise<void>;
  /** Why the last session ended, when the person did not sign out. */
  endedBecause: string | null;
};

const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (value === null) {
    throw new Error("useSession must be used inside <SessionProvider>");
  }

  return value;
}

/** The signed-in session's fetch; signed out, one that rejects at once. */
export function useAuthenticatedFetch(): AuthenticatedFetch {
  const { session } = useSession();

  return session?.fetch ?? rejectSignedOut;
}

// For a screen that renders once more while the router leaves it.
const rejectSignedOut: AuthenticatedFetch = () =>
  Promise.reject(new SessionExpiredError());

type SessionProviderProps = PropsWithChildren<{
  baseUrl?: string;
  storage?: TokenStorage;
}>;

export function SessionProvider({
  children,
  baseUrl = apiBaseUrl,
  storage = platformTokenStorage,
}: SessionProviderProps) {
  const [session, setSession] = useState<TokenSession | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const [endedBecause, setEndedBecause] = useState<string | null>(null);

  const onSessionEnded = useCallback((reason: Error) => {
    setSession(null);
    setEndedBecause(describeError(reason));
  }, []);

  useEffect(() => {
    let unmounted = false;

    TokenSession.restore(baseUrl, storage, onSessionEnded)
      // Unreadable storage (the keys changed after a restore from backup, say)
      // leaves nothing to restore: start signed out.
      .catch(() => null)
      .then((restored) => {
        if (unmounted) return;
        setSession(restored);
        setIsLoading(false);
      });

    return () => {
      unmounted = true;
    };
  }, [baseUrl, storage, onSessionEnded]);

  useEffect(() => {
    if (session === null) return;

    return refreshWhenForegrounded(session);
  }, [session]);

  const signIn = useCallback(
    async (credentials: Credentials) => {
      const signedIn = await TokenSession.signIn(
        baseUrl,
        credentials,
        storage,
        onSessionEnded,
      );

      setEndedBecause(null);
      setSession(signedIn);
    },
    [baseUrl, storage, onSessionEnded],
  );

  const signOut = useCallback(async () => {
    const ending = session;
    setSession(null);
    setEndedBecause(null);

    try {
      await ending?.signOut();
    } catch (error) {
      // The tokens could not be deleted from SecureStore. Signed out in this
      // run all the same; tell the person, who lands on the sign-in screen.
      setEndedBecause(describeError(error));
    }
  }, [session]);

  const value = useMemo(
    () => ({ session, isLoading, signIn, signOut, endedBecause }),
    [session, isLoading, signIn, signOut, endedBecause],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
