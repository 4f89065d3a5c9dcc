// An editor's own save (Save draft, Submit, Publish, a workflow action) never races an autosave (issue 28).
//
// Wagtail 8's autosave (the form's w-autosave controller) takes the form's data when it notices a change,
// waits WAGTAIL_AUTOSAVE_INTERVAL and posts it; nothing stops it when the editor saves by hand meanwhile,
// and the form's change check keeps running while the save is on its way. So typing and at once clicking
// Save draft sent an autosave beside or after the save. The server answered it after the save: either
// refused (a 400: it would overwrite a newer revision), or, when it passed that check first, saved as a
// revision after the save's, holding the form as it was a moment earlier; the page the save returned to
// then said "You saved a new version in another window" about it.
//
// Here a save waits for an autosave already on its way (it holds what the editor typed before it, and
// Wagtail's own conflict check then sees it), and once a save is sent no autosave starts. The server and
// Wagtail's conflict warnings are unchanged. Without this script (or if Wagtail's controller changes
// shape: the guards below), saving works as Wagtail ships it.
//
// And a form that comes back with errors (a Submit the page is not ready for) is autosaved as a draft at
// once, by Wagtail, so the header said "Saved" beside "The page could not be saved": true of the draft,
// but read as the opposite of the error. While an error is shown, the header says nothing of saving.
(() => {
  const EDIT_FORM = "form[data-edit-form]";
  // An autosave that has not answered in this long is not waited for: the save goes ahead as before.
  const LONGEST_WAIT_MS = 20000;
  let resending = false;

  function autosaveOf(form) {
    const app = window.wagtail && window.wagtail.app;
    const autosave = app && app.getControllerForElementAndIdentifier(form, "w-autosave");
    // Wagtail 8 keeps the promise of the autosave on its way (or waiting out its interval) here.
    return autosave && "submitPromise" in autosave && "activeValue" in autosave ? autosave : null;
  }

  async function autosavesDone(autosave) {
    // An autosave that ends with a newer change noted starts another (Wagtail does that): wait for all.
    while (autosave.submitPromise) await autosave.submitPromise;
  }

  function resend(form, submitter) {
    // Wagtail's button shows its progress by disabling itself, and a disabled button's name (which says
    // Submit, Publish…) would not be sent: enable it for as long as the form takes to gather its data.
    const disabled = submitter ? submitter.disabled : false;
    if (submitter) submitter.disabled = false;
    resending = true;
    try {
      form.requestSubmit(submitter || undefined);
    } finally {
      resending = false;
      if (submitter) submitter.disabled = disabled;
    }
  }

  // Capturing on window runs before Wagtail's own handlers on the form (unsaved changes, sessions).
  window.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      if (resending || !(form instanceof HTMLFormElement) || !form.matches(EDIT_FORM)) return;
      const autosave = autosaveOf(form);
      if (!autosave || !autosave.submitPromise) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      const submitter = event.submitter && event.submitter.form === form ? event.submitter : null;
      const wasActive = autosave.activeValue;
      let refused = false; // Wagtail stops autosave for good when the server refuses one (a newer revision)
      form.addEventListener("w-autosave:deactivated", () => (refused = true), { once: true });
      autosave.activeValue = false; // no new autosave starts while this one finishes
      const timeout = new Promise((resolve) => setTimeout(resolve, LONGEST_WAIT_MS));
      Promise.race([autosavesDone(autosave), timeout]).then(() => {
        // If the save is stopped after all (Wagtail's "Continue?" dialog), autosave carries on as it was.
        autosave.activeValue = wasActive && !refused;
        resend(form, submitter);
      });
    },
    true,
  );

  // Bubbling on window runs after every other handler: if none stopped the save, the page is leaving, and
  // an autosave started now would reach the server after the save.
  window.addEventListener("submit", (event) => {
    const form = event.target;
    if (event.defaultPrevented || !(form instanceof HTMLFormElement) || !form.matches(EDIT_FORM)) return;
    const autosave = autosaveOf(form);
    if (autosave) autosave.activeValue = false;
  });

  function hideSavedBesideErrors() {
    if (!document.querySelector(".messages li.error")) return;
    for (const saved of document.querySelectorAll("#w-autosave-indicator .w-autosave-indicator__state--saved")) {
      saved.remove();
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", hideSavedBesideErrors);
  else hideSavedBesideErrors();
})();
