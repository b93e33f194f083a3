// A labelled text input with the server's messages about it right beneath.
import { StyleSheet, Text, TextInput, type TextInputProps, View } from "react-native";

import { colors, common } from "./theme";

type FieldProps = TextInputProps & {
  label: string;
  errors?: string[];
};

export function Field({ label, errors = [], ...inputProps }: FieldProps) {
  const hasErrors = errors.length > 0;

  return (
    <View style={styles.field}>
      <Text style={common.text}>{label}</Text>
      <TextInput
        accessibilityLabel={label}
        autoCapitalize="none"
        autoCorrect={false}
        style={[styles.input, hasErrors && styles.invalid]}
        {...inputProps}
      />
      {errors.map((message) => (
        <Text key={message} role="alert" style={common.error}>
          {message}
        </Text>
      ))}
    </View>
  );
}

const styles = StyleSheet.create({
  field: { gap: 4 },
  input: {
    borderWidth: 1,
    borderColor: colors.border,
    borderRadius: 6,
    paddingHorizontal: 12,
    paddingVertical: 10,
    fontSize: 16,
    color: colors.text,
  },
  invalid: { borderColor: colors.error },
});
