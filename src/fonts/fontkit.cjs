// fontkit's CommonJS build: the very copy pdfkit requires, so that there is one fontkit in the
// process (importing the ESM build too would load and initialise it twice, ~100 ms), and the
// outline hook (file.ts) patches the glyph class pdfkit's fonts use. A bundler resolves this
// `require` as it resolves pdfkit's.
module.exports = require('fontkit');
