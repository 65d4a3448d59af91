// The Reminders page: fill in the phone's own time zone when the field is empty or still
// holds the server's guess, so the reminders ring at the person's local times.
(function () {
  "use strict";
  var field = document.querySelector("input[data-browser-zone]");
  if (!field) return;
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && !document.querySelector(".field-error")) field.value = zone;
  } catch (e) { /* no Intl: keep the server's zone */ }
})();
