import { useEffect } from 'react';

/** Sets the document title ("Dashboard · Eco-Track"), which screen readers announce on navigation. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Eco-Track`;
  }, [title]);
}
