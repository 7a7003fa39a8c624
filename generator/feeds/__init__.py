"""The iCalendar feeds: the feeds and their files (`build`), one event's VEVENTs, content lines
and text written by hand for speed, VTIMEZONEs, and the history that gives SEQUENCE and DTSTAMP."""
