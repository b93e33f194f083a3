import { useCallback, useEffect, useState } from "react";
import { FlatList, StyleSheet, Text, View } from "react-native";

import { describeError } from "../../src/api/messages";
import { useAuthenticatedFetch } from "../../src/session/SessionProvider";
import {
  addNote,
  deleteNote,
  listNotes,
  type Note,
} from "../../src/snippets/03_protected_routes";
import { Button } from "../../src/ui/Button";
import { ErrorMessage } from "../../src/ui/ErrorMessage";
import { Field } from "../../src/ui/Field";
import { colors, common } from "../../src/ui/theme";
import { useFormSubmit } from "../../src/ui/useFormSubmit";

export default function NotesScreen() {
  const [notes, setNotes] = useState<Note[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [text, setText] = useState("");

  const authFetch = useAuthenticatedFetch();

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      setNotes(await listNotes(authFetch));
    } catch (error) {
      setLoadError(describeError(error));
    }
  }, [authFetch]);

  useEffect(() => {
    load();
  }, [load]);

  const form = useFormSubmit(["text"], async () => {
    const note = await addNote(authFetch, text);
    setNotes((current) => [...(current ?? []), note]);
    setText("");
  });

  async function remove(note: Note) {
    setLoadError(null);
    try {
      await deleteNote(authFetch, note.id);
      setNotes((current) => (current ?? []).filter((kept) => kept.id !== note.id));
    } catch (error) {
      setLoadError(describeError(error));
    }
  }

  return (
    <View style={common.screen}>
      <ErrorMessage message={loadError} />
      <ErrorMessage message={form.message} />
      <Field
        label="New note"
        value={text}
        onChangeText={setText}
        errors={form.fieldErrors.text}
        autoCapitalize="sentences"
        onSubmitEditing={form.submit}
      />
      <Button title="Add note" onPress={form.submit} disabled={form.busy} />
      {notes === null && loadError === null ? (
        <Text style={common.muted}>Loading your notes…</Text>
      ) : null}
      {loadError !== null ? (
        <Button title="Try again" onPress={load} variant="plain" />
      ) : null}
      <FlatList
        data={notes ?? []}
        keyExtractor={(note) => String(note.id)}
        ListEmptyComponent={
          notes !== null ? <Text style={common.muted}>No notes yet.</Text> : null
        }
        renderItem={({ item }) => (
          <View style={styles.note}>
            <Text style={[common.text, styles.noteText]}>{item.text}</Text>
            <Button title="Delete" variant="plain" onPress={() => remove(item)} />
          </View>
        )}
      />
    </View>
  );
}

const styles = StyleSheet.create({
  note: {
    flexDirection: "row",
    alignItems: "center",
    borderBottomWidth: StyleSheet.hairlineWidth,
    borderBottomColor: colors.border,
  },
  noteText: { flex: 1 },
});
