// The signed-in part of the app. The root layout guards this whole group.
import { Link, Stack } from "expo-router";
import { StyleSheet } from "react-native";

import { common } from "../../src/ui/theme";

export default function SignedInLayout() {
  return (
    <Stack>
      <Stack.Screen
        name="index"
        options={{
          title: "Notes",
          headerRight: () => (
            <Link href="/profile" style={[common.text, styles.headerLink]}>
              Profile
            </Link>
          ),
        }}
      />
      <Stack.Screen name="profile" options={{ title: "Profile" }} />
    </Stack>
  );
}

const styles = StyleSheet.create({
  headerLink: { paddingHorizontal: 16 },
});
