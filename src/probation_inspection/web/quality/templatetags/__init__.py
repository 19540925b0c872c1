"""Template tags of the quality app, for pages of other apps that show moderation.

Only ``moderation_panel`` (the assessment page's returned comment and flag button).
"""
