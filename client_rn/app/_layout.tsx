// The root of the app: the session for every screen, the splash screen while
// the saved session loads, and which screens each state may see.
import { Stack } from "expo-router";
import * as SplashScreen from "expo-splash-screen";
import { useEffect } from "react";

import { SessionProvider, useSession } from "../src/session/SessionProvider";

// Keep the splash screen up until the saved session has been read.
SplashScreen.preventAutoHideAsync();

export default function RootLayout() {
  return (
    <SessionProvider>
      <SplashScreenController />
      <RootNavigator />
    </SessionProvider>
  );
}

function SplashScreenController() {
  const { isLoading } = useSession();

  useEffect(() => {
    if (!isLoading) SplashScreen.hide();
  }, [isLoading]);

  return null;
}

// Protected routes: a screen whose guard is false cannot be reached, and when a
// guard turns false under the current screen (signing out, a session that
// expired), the router moves to the first screen still allowed.
function RootNavigator() {
  const { session, isLoading } = useSession();
  if (isLoading) return null;

  const signedIn = session !== null;
  return (
    <Stack>
      <Stack.Protected guard={signedIn}>
        <Stack.Screen name="(app)" options={{ headerShown: false }} />
      </Stack.Protected>
      <Stack.Protected guard={!signedIn}>
        <Stack.Screen name="sign-in" options={{ title: "Sign in" }} />
        <Stack.Screen name="register" options={{ title: "Create an account" }} />
      </Stack.Protected>
    </Stack>
  );
}
