import { Text } from "react-native";

import { common } from "./theme";

/** A message about the whole form or screen; renders nothing without one. */
export function ErrorMessage({ message }: { message: string | null }) {
  if (message === null) return null;

  return (
    <Text role="alert" style={common.error}>
      {message}
    </Text>
  );
}
