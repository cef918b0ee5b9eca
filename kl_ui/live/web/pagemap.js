// The home page's map of the other pages, as a view of the live explorer's component:
// a card per page with its name as a link and its pitch below (why not st.page_link:
// see kl_ui/live/page_map.py). Each link is a real link, so a middle click, a
// Ctrl/Cmd click or "open in new tab" opens the page in a new tab; a plain click or
// Enter switches page in this tab, as the navigation does, by sending the page's path to
// Python ("navigate"), which calls st.switch_page.

import { addStylesheet, element } from "./common.js";

/** True for a click the page should handle itself: the main button, no modifier key. */
export function plainClick(event) {
  return (
    event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey
  );
}

export class PageMapView {
  constructor(parent, data) {
    this.kind = data.view;
    this.root = element("nav", "kl-live kl-page-map", { "aria-label": data.label });
    parent.replaceChildren(this.root);
    this.send = () => {};
  }

  update(data) {
    addStylesheet();
    const cards = data.cards.map((page) => {
      const card = element("div", "kl-card");
      const link = element("a", "kl-card-link", { href: page.href });
      const icon = element("span", "kl-card-icon", { "aria-hidden": "true" });
      icon.textContent = page.icon;
      const title = element("span", "kl-card-title");
      title.textContent = page.title;
      link.append(icon, title);
      link.addEventListener("click", (event) => {
        if (!plainClick(event)) return; // the browser opens it in a new tab or window
        event.preventDefault();
        this.send("navigate", page.path);
      });
      const pitch = element("p", "kl-card-pitch");
      pitch.textContent = page.pitch;
      card.append(link, pitch);
      return card;
    });
    this.root.replaceChildren(...cards);
  }

  destroy() {
    this.root.remove();
  }
}
