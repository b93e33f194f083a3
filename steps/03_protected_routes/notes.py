"""Notes: a private resource that only its owner may see or delete."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, status
from sqlmodel import Session, select

from database import MAX_ID, SessionDep
from dependencies import AUTHENTICATION_ERRORS, CurrentUser
from models import UNREADABLE_BODY, ErrorMessage, Note, NoteCreate, NotePublic, User

router = APIRouter(prefix="/notes", tags=["notes"], responses=AUTHENTICATION_ERRORS)

# Declared on the routes that look a note up, for their OpenAPI schema.
NOTE_ERRORS = {
    status.HTTP_404_NOT_FOUND: {
        "model": ErrorMessage,
        "description": "No note with this id is yours",
    },
}

NoteId = Annotated[int, Path(ge=1, le=MAX_ID)]


# --8<-- [start:protected_routes]
def find_own_note(session: Session, user: User, note_id: int) -> Note:
    """Authorize: the note with this id if the user owns it, else 404.

    Another user's note answers 404, not 403: a 403 would confirm that the
    note exists, and ids are easy to guess.
    """
    note = session.get(Note, note_id)
    if note is None or note.owner_id != user.id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="Note not found")
    return note


@router.post("", status_code=status.HTTP_201_CREATED, responses=UNREADABLE_BODY)
def create_note(
    note_in: NoteCreate, user: CurrentUser, session: SessionDep
) -> NotePublic:
    """Save a note that only you can read."""
    note = Note(text=note_in.text, owner_id=user.id)
    session.add(note)
    session.commit()
    session.refresh(note)
    return NotePublic.model_validate(note)


@router.get("")
def list_notes(user: CurrentUser, session: SessionDep) -> list[NotePublic]:
    """Your notes, oldest first. Nobody else's, ever."""
    statement = select(Note).where(Note.owner_id == user.id).order_by(Note.id)
    return [NotePublic.model_validate(note) for note in session.exec(statement)]


@router.get("/{note_id}", responses=NOTE_ERRORS)
def read_note(note_id: NoteId, user: CurrentUser, session: SessionDep) -> NotePublic:
    """One of your notes."""
    return NotePublic.model_validate(find_own_note(session, user, note_id))


@router.delete(
    "/{note_id}", status_code=status.HTTP_204_NO_CONTENT, responses=NOTE_ERRORS
)
def delete_note(note_id: NoteId, user: CurrentUser, session: SessionDep) -> None:
    """Delete one of your notes."""
    session.delete(find_own_note(session, user, note_id))
    session.commit()


# --8<-- [end:protected_routes]
