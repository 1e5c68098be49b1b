import fontkit = require('fontkit');
export = fontkit;
