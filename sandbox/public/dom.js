// The page's fixed parts, and a small builder for the rest.

export const $ = (selector) => document.querySelector(selector);
export const chatBox = $("#chat");
export const userSelect = $("#user-select");
export const input = $("#message-input");
export const replyKeyboardBox = $("#reply-keyboard");
export const commandsList = $("#commands-list");
export const moreMenu = $("#more-menu");

export const el = (tag, attributes = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "class") node.className = value;
    else if (name in node) node[name] = value;
    else node.setAttribute(name, value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
};
