// Click-to-load video players (templates/reviews/video.html). Nothing is requested from the
// video provider until the reader presses Play; without this script the plain link still works.
for (const facade of document.querySelectorAll("[data-video-facade]")) {
  const stage = facade.querySelector("[data-video-facade-stage]");
  const player = facade.querySelector("template[data-video-facade-player]");
  const button = stage && stage.querySelector("button");
  if (!button || !player) continue;
  stage.hidden = false;
  button.addEventListener(
    "click",
    () => {
      const iframe = player.content.firstElementChild.cloneNode(true);
      stage.replaceChildren(iframe);
      stage.classList.add("is-playing");
      iframe.focus();
    },
    { once: true },
  );
}
