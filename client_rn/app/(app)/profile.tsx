import { useEffect, useState } from "react";
import { Text, View } from "react-native";

import { describeError } from "../../src/api/messages";
import { useAuthenticatedFetch, useSession } from "../../src/session/SessionProvider";
import type { User } from "../../src/snippets/01_passwords";
import { getCurrentUser } from "../../src/snippets/03_protected_routes";
import { Button } from "../../src/ui/Button";
import { ErrorMessage } from "../../src/ui/ErrorMessage";
import { common } from "../../src/ui/theme";

export default function ProfileScreen() {
  const { signOut } = useSession();
  const [user, setUser] = useState<User | null>(null);
  const [error, setError] = useState<string | null>(null);

  const authFetch = useAuthenticatedFetch();

  useEffect(() => {
    getCurrentUser(authFetch)
      .then(setUser)
      .catch((failure: unknown) => setError(describeError(failure)));
  }, [authFetch]);

  return (
    <View style={common.screen}>
      <ErrorMessage message={error} />
      {user !== null ? (
        <Text style={common.title}>Signed in as {user.username}</Text>
      ) : null}
      <Button title="Sign out" onPress={signOut} />
    </View>
  );
}
