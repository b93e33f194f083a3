import { Link } from "expo-router";
import { useState } from "react";
import { Text, View } from "react-native";

import { apiBaseUrl } from "../src/config";
import { useSession } from "../src/session/SessionProvider";
import { register } from "../src/snippets/01_passwords";
import { Button } from "../src/ui/Button";
import { ErrorMessage } from "../src/ui/ErrorMessage";
import { Field } from "../src/ui/Field";
import { common } from "../src/ui/theme";
import { useFormSubmit } from "../src/ui/useFormSubmit";

export default function RegisterScreen() {
  const { signIn } = useSession();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const form = useFormSubmit(["username", "password"], async () => {
    await register(apiBaseUrl, { username, password });
    await signIn({ username, password });
  });

  return (
    <View style={common.screen}>
      <ErrorMessage message={form.message} />
      <Field
        label="Username"
        value={username}
        onChangeText={setUsername}
        errors={form.fieldErrors.username}
        autoComplete="username-new"
        textContentType="username"
      />
      <Field
        label="Password"
        value={password}
        onChangeText={setPassword}
        errors={form.fieldErrors.password}
        secureTextEntry
        autoComplete="new-password"
        textContentType="newPassword"
        onSubmitEditing={form.submit}
      />
      <Text style={common.muted}>
        At least 15 characters; a few words make a good one.
      </Text>
      <Button
        title={form.busy ? "Creating your account…" : "Create account"}
        onPress={form.submit}
        disabled={form.busy}
      />
      <Link href="/sign-in" style={common.text}>
        Already registered? Sign in
      </Link>
    </View>
  );
}
