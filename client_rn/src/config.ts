// Where the API lives. Set EXPO_PUBLIC_API_URL when starting Expo to override
// the default, e.g. EXPO_PUBLIC_API_URL=http://192.168.1.20:8000 for a phone on
// the same network (client_rn/README.md lists the address for each device).
import { Platform } from "react-native";

// The Android emulator is a separate machine: its own 127.0.0.1 is the emulator
// itself, and 10.0.2.2 is its alias for the computer it runs on. The iOS
// simulator and a web browser share the computer's network.
const LOCAL_API_URL =
  Platform.OS === "android" ? "http://10.0.2.2:8000" : "http://127.0.0.1:8000";

// Expo inlines EXPO_PUBLIC_ variables into the bundle when it builds it; they
// are public by name, so never put a secret in one.
export const apiBaseUrl = (process.env.EXPO_PUBLIC_API_URL || LOCAL_API_URL).replace(
  /\/+$/,
  "",
);
