"""The signed-in user's own account."""

from fastapi import APIRouter

from dependencies import AUTHENTICATION_ERRORS, CurrentUser
from models import UserPublic

router = APIRouter(prefix="/users", tags=["users"], responses=AUTHENTICATION_ERRORS)


@router.get("/me")
def read_current_user(user: CurrentUser) -> UserPublic:
    """The user that the bearer token names."""
    return UserPublic.model_validate(user)
