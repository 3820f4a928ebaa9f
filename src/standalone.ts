import { defineGuestChat } from './ui/define.js';

// The self-contained build: the element, both protocols and every language in one classic script that fetches no
// code of its own, for sites that pin one `integrity` value on one file. It defines <guest-chat> as it runs. Every
// page pays for all of it, so the CDN script (a stand-in launcher that fetches one protocol and one language when
// needed) stays the default.
defineGuestChat();
