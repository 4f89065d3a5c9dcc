// Episode players (templates/reviews/audio.html): a time in the transcript plays the audio from that
// moment instead of opening the file. Without this script each time is a link to the file at that
// moment (#t=), which the browser's own player honours.
const player = document.querySelector("[data-audio-player]");
const audio = player && player.querySelector("audio");
const transcript = document.querySelector("[data-audio-transcript]");
if (audio && transcript) {
  transcript.addEventListener("click", (event) => {
    const time = event.target.closest("a") && event.target.closest("a").querySelector("time");
    const seconds = time && /^PT(\d+)S$/.exec(time.dateTime);
    if (!seconds) return;
    event.preventDefault();
    const moment = Number(seconds[1]);
    // Before Play nothing is loaded (preload="none"): seek again once the file's length is known.
    if (audio.readyState === 0) {
      audio.addEventListener("loadedmetadata", () => (audio.currentTime = moment), { once: true });
    }
    audio.currentTime = moment;
    audio.play();
  });
}
if (audio) {
  // While it plays the player stays in view, so the reader can pause it from anywhere in the transcript.
  audio.addEventListener("play", () => player.classList.add("is-active"), { once: true });
}
