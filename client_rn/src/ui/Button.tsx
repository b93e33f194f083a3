import { Pressable, StyleSheet, Text } from "react-native";

import { colors } from "./theme";

type ButtonProps = {
  title: string;
  onPress: () => void;
  disabled?: boolean;
  variant?: "primary" | "plain";
};

export function Button({ title, onPress, disabled, variant = "primary" }: ButtonProps) {
  const primary = variant === "primary";

  return (
    <Pressable
      role="button"
      accessibilityState={{ disabled }}
      disabled={disabled}
      onPress={onPress}
      style={[styles.button, primary && styles.primary, disabled && styles.disabled]}
    >
      <Text style={primary ? styles.primaryLabel : styles.plainLabel}>{title}</Text>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  button: { paddingVertical: 12, paddingHorizontal: 16, borderRadius: 6 },
  primary: { backgroundColor: colors.accent },
  disabled: { opacity: 0.5 },
  primaryLabel: { color: "#ffffff", fontSize: 16, textAlign: "center" },
  plainLabel: { color: colors.accent, fontSize: 16, textAlign: "center" },
});
