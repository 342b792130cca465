// zod/mini with English issue messages: every schema a Lambda bundles imports `z` from here, so a
// bundle carries only the functions it calls instead of classic zod's method-laden classes.
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// zod/mini loads no locale (every message would read "Invalid input"); 4xx answers quote them.
config(en());

export * from 'zod/mini';
