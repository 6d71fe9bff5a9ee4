/**
 * Moments when nothing may interrupt: a meeting, a presentation, a screen recording, or any window
 * filling the screen. Matched on the app name and on the window title (a meeting in a browser tab
 * shows only in the title).
 */

export interface QuietReason {
  /** "Zoom (a meeting)", "a PowerPoint slide show", "a full-screen window". */
  what: string;
}

interface Rule {
  app?: RegExp;
  title?: RegExp;
  what: string;
}

const RULES: Rule[] = [
  { app: /^(zoom(\.us)?|zoom workplace|zoom meeting)$/i, what: 'Zoom (a meeting)' },
  { title: /\bZoom (Meeting|Webinar)\b/i, what: 'Zoom (a meeting)' },
  { app: /^(microsoft teams|teams|ms-teams|teams-for-linux)$/i, what: 'Microsoft Teams (a meeting app)' },
  { title: /\|\s*Microsoft Teams$|^Microsoft Teams\b|Meeting in .* \| Microsoft Teams/i, what: 'Microsoft Teams (a meeting app)' },
  { title: /\bMeet\s*[-–—:]\s*[a-z]{3}-[a-z]{4}-[a-z]{3}\b|\bGoogle Meet\b/i, what: 'Google Meet (a meeting)' },
  { app: /^(webex|cisco webex( meetings)?)$/i, title: /\bWebex\b/i, what: 'Webex (a meeting)' },
  { app: /^(facetime|skype|jitsi meet|whereby|around|gather)$/i, what: 'a video call' },
  { title: /\bJitsi Meet\b|\| Whereby\b|\bSlack.*\bhuddle\b|\bhuddle\b.*\bSlack\b/i, what: 'a video call' },
  { app: /^keynote$/i, what: 'Keynote (a presentation)' },
  { title: /PowerPoint Slide Show|\bSlide Show\b.*PowerPoint|^PowerPoint Presenter View/i, what: 'a PowerPoint slide show' },
  { title: /^Presenting:|Presenter Console|\bPresentation Mode\b|- Google Slides \(presenting\)/i, what: 'a presentation' },
  { app: /^(obs|obs studio|obs64|com\.obsproject\.studio|simplescreenrecorder|kazam|loom|screenflow|peek)$/i, what: 'a screen recorder' },
  { title: /^OBS \d+\.\d+/i, what: 'OBS (a screen recorder)' },
];

/** Why Tandem must stay silent while this window is in front, or null when it need not. */
export function quietReason(window: { app: string; title: string; fullscreen?: boolean }): QuietReason | null {
  for (const rule of RULES) {
    if ((rule.app && rule.app.test(window.app.trim())) || (rule.title && rule.title.test(window.title))) return { what: rule.what };
  }
  if (window.fullscreen) return { what: 'a full-screen window' };
  return null;
}
