// The rules `make schemalint` holds the served schema to: everything a GraphiQL reader can click on says
// what it is. Listed explicitly, so a new release's rules do not switch on by themselves. The sort-order
// rules stay off: the SDL lists fields in the order the resolvers declare them, which reads better.
module.exports = {
  rules: [
    "types-have-descriptions",
    "fields-have-descriptions",
    "arguments-have-descriptions",
    "enum-values-have-descriptions",
    "input-object-values-have-descriptions",
  ],
};
