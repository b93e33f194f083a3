// The Jest projects and Metro both compile the app with Expo's preset.
module.exports = function (api) {
  api.cache(true);
  return { presets: ["babel-preset-expo"] };
};
