"""Pages of the activities app: `attendance` (attendance, leave, notices) and `worklog` (the
daily activity log and its verification)."""
