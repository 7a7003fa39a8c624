"""What the calendar shows, as data: occurrences in a window of time (the agenda), the month grid,
listings cut to a length with each series once, and dates, times and repeat rules in words.
No HTML here: `pages.calendar` renders it."""
