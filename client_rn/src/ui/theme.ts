import { StyleSheet } from "react-native";

export const colors = {
  text: "#1b1b1f",
  muted: "#5f6368",
  accent: "#2255cc",
  error: "#b3261e",
  border: "#c4c7c5",
  background: "#ffffff",
};

export const common = StyleSheet.create({
  screen: { flex: 1, padding: 24, gap: 16, backgroundColor: colors.background },
  title: { fontSize: 24, fontWeight: "600", color: colors.text },
  text: { fontSize: 16, color: colors.text },
  muted: { fontSize: 14, color: colors.muted },
  error: { fontSize: 14, color: colors.error },
});
