/** Who is calling: a signed-in user (JWT). API tokens (scoped) join in a later issue. */
export interface Principal {
  userId: string;
  username: string;
  isAdmin: boolean;
  via: 'jwt';
}
