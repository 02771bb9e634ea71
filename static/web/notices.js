/* Messages shown to the user: every failure ends up here, in words. */
import { reactive } from "vue";

export const notices = reactive([]);
let noticeId = 0;

export function dismiss(notice) {
  const at = notices.findIndex((shown) => shown.id === notice.id);
  if (at >= 0) notices.splice(at, 1);
}

// A message for a few seconds (or until it is clicked away).
export function notify(text, kind = "info", ms = 4000) {
  const notice = { id: ++noticeId, text, kind };
  notices.push(notice);
  setTimeout(() => dismiss(notice), ms);
}

export function fail(error) {
  notify(error && error.message ? error.message : String(error), "error", 6000);
}

/* Run an action of a screen: its failure shown in words, its success (when `done` says one) too. With
   a form's problems (fields.js), an error about one of its fields is shown on that field instead. */
export async function attempt(action, done, problems) {
  if (problems) problems.clear();
  try {
    const result = await action();
    if (done) notify(done, "ok");
    return result;
  } catch (error) {
    if (!(problems && problems.show(error))) fail(error);
    return undefined;
  }
}

window.addEventListener("unhandledrejection", (event) => fail(event.reason));
