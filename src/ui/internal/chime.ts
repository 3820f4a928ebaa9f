/** The page's one audio context, made on the first chime. */
let context: AudioContext | undefined;

/**
 * Plays a short, quiet two-tone chime. Browsers may refuse audio before the visitor has interacted with the page; a
 * browser without Web Audio, or one that blocks it, just stays silent.
 */
export function playChime(): void {
  try {
    play((context ??= new AudioContext()));
  } catch {
    // Audio is optional: the chat goes on without it.
  }
}

function play(context: AudioContext): void {
  const now = context.currentTime;
  const gain = context.createGain();
  gain.gain.setValueAtTime(0.001, now);
  gain.gain.exponentialRampToValueAtTime(0.08, now + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.001, now + 0.35);
  gain.connect(context.destination);
  [880, 1320].forEach((frequency, index) => {
    const tone = context.createOscillator();
    tone.frequency.value = frequency;
    tone.connect(gain);
    tone.start(now + index * 0.12);
    tone.stop(now + 0.35);
  });
}
