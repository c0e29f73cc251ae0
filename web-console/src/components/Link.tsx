import type { ComponentChildren } from 'preact';
import { navigate } from '../lib/router';

/** An ordinary link (it opens in a new tab as usual) that moves within the console without a reload. */
export function Link({ href, children, ...rest }: { href: string; children: ComponentChildren; class?: string; 'aria-current'?: 'page' }) {
  return (
    <a href={href} {...rest} onClick={(event: MouseEvent) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(href);
    }}>{children}</a>
  );
}
