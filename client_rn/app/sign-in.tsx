import { Link } from "expo-router";
import { useState } from "react";
import { View } from "react-native";

import { useSession } from "../src/session/SessionProvider";
import { Button } from "../src/ui/Button";
import { ErrorMessage } from "../src/ui/ErrorMessage";
import { Field } from "../src/ui/Field";
import { common } from "../src/ui/theme";
import { useFormSubmit } from "../src/ui/useFormSubmit";

export default function SignInScreen() {
  const { signIn, endedBecause } = useSession();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const form = useFormSubmit(["username", "password"], () =>
    signIn({ username, password }),
  );

  return (
    <View style={common.screen}>
      <ErrorMessage message={form.message ?? endedBecause} />
      <Field
        label="Username"
        value={username}
        onChangeText={setUsername}
        errors={form.fieldErrors.username}
        autoComplete="username"
        textContentType="username"
      />
      <Field
        label="Password"
        value={password}
        onChangeText={setPassword}
        errors={form.fieldErrors.password}
        secureTextEntry
        autoComplete="current-password"
        textContentType="password"
        onSubmitEditing={form.submit}
      />
      <Button
        title={form.busy ? "Signing in…" : "Sign in"}
        onPress={form.submit}
        disabled={form.busy}
      />
      <Link href="/register" style={common.text}>
        No account yet? Create one
      </Link>
    </View>
  );
}
