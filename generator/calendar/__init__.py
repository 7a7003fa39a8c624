"""What the calendar shows, as data: occurrences in a window of time (the agenda), the month grid,
and dates, times and repeat rules in words. No HTML here: `pages.calendar` renders it."""
