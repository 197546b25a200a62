"""Sending the kallelse by e-mail from the meeting page."""

from __future__ import annotations

from flask import redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from forms.meetings import ButtonForm

from ...permissions import CHEF_ONLY, allow
from ...services.notifications import kallelse as kallelse_mail
from ..service_call import call_service
from .blueprint import bp
from .common import get_meeting_or_404, refused_as_locked


@bp.route("/<int:meeting_id>/kallelse/send", methods=["POST"])
@allow(CHEF_ONLY)
def send_kallelse(meeting_id: int) -> Response:
    """Mail the kallelse (or a reviderad kallelse) to the board's ledamöter and ersättare."""
    meeting = get_meeting_or_404(meeting_id)
    back = url_for("meetings.show", meeting_id=meeting.id)
    if not ButtonForm().validate_on_submit() or refused_as_locked(meeting):
        return redirect(back)
    return call_service(
        lambda: kallelse_mail.send_kallelse(meeting, user=current_user._get_current_object()),
        success=lambda rows: _(
            "The kallelse to meeting %(label)s is queued for %(count)s board members.",
            label=meeting.label,
            count=len(rows),
        ),
        then=back,
        failed=back,
    )
