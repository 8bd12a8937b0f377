// Who the page is acting as: the demo users, and the one chosen.

export const session = { users: [], userId: 0 };

export const currentUser = () => session.users.find((user) => user.id === session.userId);
