import { describe, expect, it } from 'vitest';
import { quietReason } from '../../../electron/core/suggestions/quiet-apps';

describe('quiet apps', () => {
  it('is quiet in meetings, presentations, recordings and full screen', () => {
    const cases: [string, string, boolean | undefined, string][] = [
      ['zoom', 'Zoom Meeting', undefined, 'Zoom (a meeting)'],
      ['zoom.us', 'Zoom Workplace', undefined, 'Zoom (a meeting)'],
      ['Microsoft Teams', 'Standup | Microsoft Teams', undefined, 'Microsoft Teams (a meeting app)'],
      ['firefox', 'Meet - kqz-wmpx-tre - Mozilla Firefox', undefined, 'Google Meet (a meeting)'],
      ['chromium', 'Google Meet - Chromium', undefined, 'Google Meet (a meeting)'],
      ['Keynote', 'Q3 roadmap', undefined, 'Keynote (a presentation)'],
      ['powerpnt.exe', 'PowerPoint Slide Show - Q3 roadmap.pptx', undefined, 'a PowerPoint slide show'],
      ['soffice', 'Presenting: roadmap.odp', undefined, 'a presentation'],
      ['obs', 'OBS 30.1.2 - Profile: Untitled - Scenes: Demo', undefined, 'a screen recorder'],
      ['firefox', 'Conference talk - YouTube - Mozilla Firefox', true, 'a full-screen window'],
    ];
    for (const [app, title, fullscreen, what] of cases) expect(quietReason({ app, title, fullscreen })?.what, `${app} / ${title}`).toBe(what);
  });

  it('is not quiet for ordinary work, including PowerPoint while editing and pages that mention meetings', () => {
    const cases: [string, string][] = [
      ['code', 'invoice.py - proj - Visual Studio Code'],
      ['powerpnt.exe', 'Q3 roadmap.pptx - PowerPoint'],
      ['firefox', 'How to run better meetings - Mozilla Firefox'],
      ['slack', 'acme - #shop-dev - Slack'],
      ['gnome-terminal', 'ada@box: ~/proj'],
    ];
    for (const [app, title] of cases) expect(quietReason({ app, title }), `${app} / ${title}`).toBeNull();
  });
});
