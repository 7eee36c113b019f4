// The seed's typefaces, bundled with the app (so they render offline and are precached by the
// service worker): Open Sans 400/600/700 and Montserrat 400/500, Latin and Latin Extended only.
import '@fontsource/open-sans/latin-400.css';
import '@fontsource/open-sans/latin-ext-400.css';
import '@fontsource/open-sans/latin-600.css';
import '@fontsource/open-sans/latin-ext-600.css';
import '@fontsource/open-sans/latin-700.css';
import '@fontsource/open-sans/latin-ext-700.css';
import '@fontsource/montserrat/latin-400.css';
import '@fontsource/montserrat/latin-ext-400.css';
import '@fontsource/montserrat/latin-500.css';
import '@fontsource/montserrat/latin-ext-500.css';
